from django.urls import path

from tillit.kpis import views

app_name = "kpis"
urlpatterns = [
    path("", views.kpi_list, name="kpi_list"),
    path("nytt/", views.kpi_new, name="kpi_new"),
    path("antal-brukare/", views.denominators, name="denominators"),
    path("<str:code>/", views.kpi_detail, name="kpi_detail"),
    path("<str:code>/nytt-varde/", views.value_new, name="value_new"),
]
