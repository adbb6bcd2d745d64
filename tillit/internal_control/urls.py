from django.urls import path

from tillit.internal_control import views

app_name = "internal_control"

urlpatterns = [
    path("", views.plan_list, name="plan_list"),
    path("ny/", views.plan_new, name="plan_new"),
    path("<int:pk>/", views.plan_detail, name="plan_detail"),
    path("<int:pk>/kontrollpunkter/", views.point_new, name="point_new"),
    path("<int:pk>/for-over/", views.carry_over, name="carry_over"),
    path("<int:pk>/anta/", views.adopt, name="adopt"),
    path("<int:pk>/uppfoljning/", views.follow_up_report, name="follow_up"),
    path("uppfoljning/", views.report_list, name="report_list"),
    path("kontrollpunkt/<int:pk>/", views.point_detail, name="point_detail"),
]
