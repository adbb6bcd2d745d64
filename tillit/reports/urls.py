from django.urls import path, re_path

from tillit.reports import views

app_name = "reports"
urlpatterns = [
    path("", views.report_list, name="report_list"),
    path("<int:pk>/", views.report_detail, name="report_detail"),
    path("<int:pk>/avsnitt/<int:section_pk>/", views.section_edit, name="section_edit"),
    path("<int:pk>/uppdatera/", views.refresh, name="refresh"),
    path("<int:pk>/faststall/", views.adopt, name="adopt"),
    re_path(r"^(?P<pk>\d+)/kvalitetsberattelse\.(?P<fmt>pdf|docx|json|html)$", views.download, name="download"),
]
